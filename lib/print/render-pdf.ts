/**
 * Prints the HTML of `printDocumentHtml` to PDF (or a PNG picture of its first page) in headless Chromium
 * driven by playwright-core (ADR 0010). The system Chromium is used (never a downloaded one); one browser is
 * shared by every print of the process, launched on first use and closed after a minute without prints.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { findChromium } from "@/bin/find-chromium.mjs";

const IDLE_MS = 60_000;
const TIMEOUT_MS = 180_000;
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The shared browser and the context PDFs are printed in (a fresh context per print costs about a second). */
interface Shared {
  browser: Browser;
  context: BrowserContext;
}

let launching: Promise<Shared> | null = null;
let busy = 0;
let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** The message of the error thrown when there is no Chromium to print with. */
export const NO_CHROMIUM_MESSAGE =
  "No Chromium found to print PDF sheets: install the `chromium` and `fonts-noto-cjk` packages " +
  "(Debian/Ubuntu: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH to a Chromium or Chrome executable.";

function launch(): Promise<Shared> {
  const executablePath = findChromium();
  if (!executablePath) {
    const env = process.env.CHROMIUM_PATH ? ` (CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist)` : "";
    return Promise.reject(new Error(NO_CHROMIUM_MESSAGE + env));
  }
  return chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 60_000 }).then(
    async (browser) => {
      browser.on("disconnected", () => {
        if (launching) launching = null;
      });
      return { browser, context: await browser.newContext() };
    },
    (error: unknown) => {
      throw new Error(`Chromium at ${executablePath} did not start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}. ${NO_CHROMIUM_MESSAGE}`);
    },
  );
}

/** Runs `fn` with the shared browser, launching it when needed and arming the idle timer when nothing else runs. */
async function withBrowser<T>(fn: (shared: Shared) => Promise<T>): Promise<T> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  busy++;
  try {
    if (!launching) {
      launching = launch();
      launching.catch(() => (launching = null));
    }
    return await fn(await launching);
  } finally {
    busy--;
    if (busy === 0 && launching) {
      idleTimer = setTimeout(() => void closePrintBrowser(), IDLE_MS);
      idleTimer.unref();
    }
  }
}

/**
 * Opens a page with `html` loaded and its fonts ready, runs `fn`, closes the page. Pages at the default scale
 * open in the shared context; another scale (pictures) gets a context of its own.
 */
async function withPage<T>(html: string, deviceScaleFactor: number, fn: (page: Page) => Promise<T>): Promise<T> {
  return withBrowser(async ({ browser, context }) => {
    const own = deviceScaleFactor === 1 ? null : await browser.newContext({ deviceScaleFactor });
    const page = await (own ?? context).newPage();
    try {
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.emulateMedia({ media: "print" });
      await page.setContent(html, { waitUntil: "load", timeout: TIMEOUT_MS });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await fn(page);
    } finally {
      await page.close().catch(() => undefined);
      await own?.close().catch(() => undefined);
    }
  });
}

/**
 * Used by `db/print.ts` for every sheet and batch chunk: the PDF of a full HTML document whose CSS `@page`
 * sets the paper (`preferCSSPageSize`), backgrounds printed. Throws an Error naming the fix when there is no
 * Chromium. The ToUnicode repair (`pdf-unicode.ts`) is the caller's next step.
 */
export async function renderPdf(html: string): Promise<Uint8Array> {
  return withPage(html, 1, async (page) => {
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  });
}

/**
 * Used by `bin/render-sheet-pictures.ts` for the pictures in docs/: a PNG of the document's first page
 * (`section.sheet`, else the whole body) at `deviceScaleFactor` pixels per CSS pixel (2 by default).
 */
export async function renderPng(html: string, deviceScaleFactor = 2): Promise<Buffer> {
  return withPage(html, deviceScaleFactor, async (page) => {
    const first = page.locator("section.sheet").first();
    const target = (await first.count()) > 0 ? first : page.locator("body");
    return await target.screenshot({ type: "png", animations: "disabled" });
  });
}

/**
 * Used by the CLI, the bench and the tests when they are done printing (so the process can exit), and by the
 * idle timer: closes the shared browser. Safe to call when none is open.
 */
export async function closePrintBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const pending = launching;
  launching = null;
  if (!pending) return;
  const shared = await pending.catch(() => null);
  await shared?.browser.close().catch(() => undefined);
}
