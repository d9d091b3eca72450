#!/usr/bin/env node
// `npm run dev`: the reference API on 127.0.0.1:8787 (its own SQLite file under .data/dev) and Vite's dev
// server beside it, which proxies /api there (vite.config.ts), so the app syncs in development as in
// production, from one origin. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const API_PORT = process.env.PELITA_DEV_API_PORT ?? '8787';
const children = [
  spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts', '--api-only'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: API_PORT, PELITA_DB: process.env.PELITA_DB ?? '.data/dev/pelita.sqlite' },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PELITA_DEV_API_PORT: API_PORT },
  }),
];
const stop = (code) => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
};
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
