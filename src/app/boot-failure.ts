// When the words of a language cannot be loaded at start-up (a locale file missing from the cache, a
// captive portal answering for it), the app says so instead of "Pelita…" for good, in every language, from
// the page's own HTML (index.html, #words-failed): the person's language may be the one that failed.
// Plain DOM: it must work with no translations and no screen at all.

function wordsFailed(only?: string): HTMLElement[] {
  const template = document.getElementById('words-failed') as HTMLTemplateElement | null;
  const all = template ? [...template.content.querySelectorAll('p')] : [];
  const chosen = only ? all.filter((p) => p.lang === only || p.lang === 'en') : all;
  return chosen.map((p) => p.cloneNode(true) as HTMLElement);
}

function reloadButton(): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'primary';
  // A symbol and the word in English: no translation could be loaded.
  button.textContent = '↻ Reload';
  button.addEventListener('click', () => location.reload());
  return button;
}

/** Nothing could be loaded: the message in every language, and a way on. */
export function showWordsFailed(root: HTMLElement) {
  const main = document.createElement('main');
  main.className = 'error-screen';
  main.setAttribute('role', 'alert');
  main.append(...wordsFailed(), reloadButton());
  root.replaceChildren(main);
}

/** The person's language failed, English loaded: the app runs in English, and says why, in both. */
export function noteLanguageFallback(lang: string) {
  const note = document.createElement('div');
  note.className = 'warning words-failed';
  note.setAttribute('role', 'alert');
  note.append(...wordsFailed(lang), reloadButton());
  document.body.prepend(note);
}
