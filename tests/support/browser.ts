import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium driven by playwright-core; no browser download is possible here. WebGL (the
 * feature map) runs on SwiftShader, named explicitly: Chromium's automatic software-WebGL fallback
 * is deprecated and logs a console warning the pages' no-console-errors checks would trip on.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}
