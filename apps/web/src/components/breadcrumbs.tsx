import Link from 'next/link';
import { saeHref, saeName } from '@/lib/routes';

export interface Crumb {
  label: string;
  href?: string;
}

/** The trail to a page inside an SAE: Models › its model › the SAE (linked) › `here`. */
export function saeCrumbs(sae: { id: string; hookName: string; model: { displayName: string } }, here: string): Crumb[] {
  return [
    { label: 'Models', href: '/' },
    { label: sae.model.displayName },
    { label: `${sae.hookName} · ${saeName(sae.id)}`, href: saeHref(sae.id) },
    { label: here },
  ];
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {items.map((item, i) => (
          <li key={`${i}-${item.label}`}>
            {item.href ? <Link href={item.href}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
