/** A number setting from the editor (saved as text or number); the fallback when empty or unusable. */
export function numberSetting(value: unknown, fallback: number, min = 0): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? Math.max(min, number) : fallback;
}
