/** Keeps the demo up until Ctrl-C (or a SIGTERM), then stops it once and exits. */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async () => {
    // A terminal's Ctrl-C reaches the whole process group: the demo stops its children itself, once.
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    try {
      await stop();
    } catch (error) {
      console.error(`The demo did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void onSignal());
  process.on('SIGTERM', () => void onSignal());
}

/** Says why the demo could not start, and exits with a failure. */
export function failedToStart(error: unknown): never {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** The lines to print, with empty ones left out and no two blank lines in a row. */
export function printLines(lines: string[]): void {
  console.log(lines.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n'));
}
