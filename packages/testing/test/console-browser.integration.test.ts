/**
 * The web console in a real browser: Playwright (playwright-core) driving Debian's chromium
 * against a local server started here on 127.0.0.1. Without a browser on this machine the test is
 * skipped with the reason printed; with DURABLE_TS_REQUIRE_BROWSER=1 (CI) a missing browser fails.
 */
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durableExecution } from "@durable-ts/sdk";
import { startLocalServer, type LocalServer } from "../src/server/index.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_BROWSER = existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/", import.meta.url));
if (!HAVE_BROWSER) {
  if (process.env.DURABLE_TS_REQUIRE_BROWSER === "1") throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
  console.warn(`console-browser.integration.test.ts skipped: no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

/** Prepares an order, waits for an approval callback, then ships: the tree has a context with children. */
const approvals = durableExecution(
  async (event: { item: string }, ctx) => {
    const prepared = await ctx.step("prepare", async () => ({ item: event.item }));
    const approval = await ctx.waitForCallback<string>("approval", async () => undefined);
    const shipped = await ctx.runInChildContext("ship", async (child) => child.step("label", async () => `label-for-${prepared.item}`));
    return { prepared, approval: JSON.parse(approval), shipped };
  },
  { logger: quiet },
);

describe.skipIf(!HAVE_BROWSER)("the web console in Chromium", () => {
  let server: LocalServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startLocalServer({ port: 0, functions: { approvals } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("starts a workflow from the page, shows it RUNNING, answers its callback from the page, then shows it SUCCEEDED with its tree", async () => {
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => (message.type() === "error" ? pageErrors.push(message.text()) : undefined));
    await page.goto(`${server.url}/`);

    // Start: the payload is checked as JSON before it can be sent; it carries markup that must stay text.
    await page.getByTestId("start-payload").fill("{broken");
    await expect.poll(() => page.getByTestId("start-submit").isDisabled()).toBe(true);
    await page.getByTestId("start-payload").fill('{"item":"<img src=x onerror=window.__pwned=1>"}');
    await page.getByTestId("start-name").fill("order-42");
    await page.getByTestId("start-submit").click();

    const status = page.locator("h1 [data-testid=status]");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("RUNNING");
    expect(await page.getByTestId("execution-name").textContent()).toBe("order-42");
    await expect.poll(() => page.getByTestId("invocation-reason").first().textContent(), { timeout: 15_000 }).toBe('suspended: callback "approval"');

    // Answer the callback: invalid JSON is refused in the page, then the result goes through.
    const result = page.getByTestId("callback-result");
    await result.fill("{approved");
    await expect.poll(() => page.getByTestId("callback-succeed").isDisabled()).toBe(true);
    expect(await page.getByTestId("callback-json-error").textContent()).toContain("Not JSON");
    await result.fill('{"approved": true, "by": "ops"}');
    await page.getByTestId("callback-succeed").click();

    // The server's event stream brings the change: no reload.
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("SUCCEEDED");
    await expect.poll(() => page.getByTestId("execution-result").textContent()).toContain('"approved": true');
    const tree = page.getByTestId("operation-tree");
    const names = await tree
      .locator("[data-testid=operation]")
      .evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute("data-name")}:${n.getAttribute("data-type")}:${n.getAttribute("data-status")}`));
    expect(names).toEqual(
      expect.arrayContaining(["prepare:STEP:SUCCEEDED", "approval:CONTEXT:SUCCEEDED", ":CALLBACK:SUCCEEDED", "ship:CONTEXT:SUCCEEDED", "label:STEP:SUCCEEDED"]),
    );
    // Children sit inside their parent's list item (nested, collapsible).
    expect(await tree.locator("[data-name=ship] [data-name=label]").count()).toBe(1);
    await tree.locator("[data-name=ship] > .op-row .toggle").click();
    expect(await tree.locator("[data-name=ship] [data-name=label]").count()).toBe(0);
    await tree.locator("[data-name=ship] > .op-row .toggle").click();

    // The markup in the payload is shown as text, never run.
    expect(await page.getByTestId("execution-input").textContent()).toContain("<img src=x onerror=window.__pwned=1>");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img").count()).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}console-execution.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("lists executions newest first with their counts, filters them, and makes no requests while nothing changes", async () => {
    await page.goto(`${server.url}/#/`);
    const rows = page.getByTestId("execution-row");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().locator("[data-testid=status]").textContent()).toBe("SUCCEEDED");
    expect(await rows.first().locator("td.num").textContent()).toMatch(/^[2-9]$/);

    await page.getByTestId("filter-status").selectOption("FAILED");
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId("filter-status").selectOption("SUCCEEDED");
    await expect.poll(() => rows.count()).toBe(1);

    // Live: an execution started elsewhere appears at the top without a reload.
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.getByTestId("filter-status").selectOption("");
    await expect.poll(() => rows.count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const idle = requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(requests.length, "no polling while nothing changes").toBe(idle);
    await fetch(`${server.url}/console/api/functions/approvals/executions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ payload: '{"item":"lamp"}', name: "order-43" }),
    });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    expect(await rows.first().getAttribute("data-name")).toBe("order-43");
    expect(await rows.first().locator("[data-testid=status]").textContent()).toBe("RUNNING");
  }, 60_000);
});
