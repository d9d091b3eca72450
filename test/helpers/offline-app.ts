// What the offline suites share: one server and one browser for the suite, the app opened and installed
// (its service worker in control), then the network cut. `app` is filled in by beforeAll.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch, openApp, type Session, waitForServiceWorker } from './browser';
import { DIST, type E2eServer, startServer } from './e2e-server';

export interface OfflineApp {
  readonly server: E2eServer;
  readonly session: Session;
  readonly url: string;
  readonly page: Page;
  readonly context: Session['context'];
  readonly errors: Session['errors'];
}

export function offlineApp(): OfflineApp {
  let server: E2eServer | undefined;
  let session: Session | undefined;
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('offlineApp() is only ready inside the suite’s tests');
    return v;
  };
  beforeAll(async () => {
    server = await startServer({ staticDir: DIST });
    session = await launch();
    await openApp(session.page, `${server.url}/`);
    await waitForServiceWorker(session.page);
    await session.context.setOffline(true);
  });
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });
  return {
    get server() {
      return need(server);
    },
    get session() {
      return need(session);
    },
    get url() {
      return need(server).url;
    },
    get page() {
      return need(session).page;
    },
    get context() {
      return need(session).context;
    },
    get errors() {
      return need(session).errors;
    },
  };
}

/** Ticks the answer `option` in the radio group whose legend matches `group`. */
export async function answer(root: Page | Locator, group: string | RegExp, option: string) {
  await root.getByRole('group', { name: group }).getByLabel(option, { exact: true }).check();
}
