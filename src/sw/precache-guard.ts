// What the service worker agrees to precache. A host that answers a missing file with the app's index.html
// (an SPA fallback, as our server and many static hosts do) would otherwise have HTML stored as a script,
// and after the update the app would not start, offline least of all. Refusing such a response makes the new
// worker's install fail: the running version keeps working, and the next check retries the deployment.
export function isPrecacheable(url: string, response: Response | undefined): boolean {
  // No error responses, no opaque or failed ones.
  if (!response?.ok || response.type === 'error' || response.type === 'opaque') return false;
  const type = response.headers.get('content-type') ?? '';
  const path = new URL(url).pathname;
  return !(type.includes('text/html') && !path.endsWith('.html') && !path.endsWith('/'));
}
