import type { ComponentChildren, JSX } from 'preact';
import { onLinkClick, path } from '../lib/router';

type Props = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children: ComponentChildren };

/** An in-app link. Marks itself `aria-current="page"` when it points at the current screen. */
export function Link({ href, children, ...rest }: Props) {
  const current = path.value.split('?')[0];
  const active = href === '/' ? current === '/' : current === href || current?.startsWith(`${href}/`);
  return (
    <a href={href} onClick={onLinkClick} aria-current={active ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
