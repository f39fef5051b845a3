import { ensureChromium } from '@blazwa/test-support/chromium';

export default function setup(): void {
  ensureChromium();
}
