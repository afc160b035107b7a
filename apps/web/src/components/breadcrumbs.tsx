import Link from 'next/link';
import { modelHref, saeHref, saeName } from '@/lib/routes';

export interface Crumb {
  label: string;
  href?: string;
}

/** The trail to a page inside an SAE: Models › its model › the SAE (all linked) › `here`. */
export function saeCrumbs(sae: { id: string; hookName: string; model: { id: string; displayName: string } }, here: string): Crumb[] {
  return [
    { label: 'Models', href: '/' },
    { label: sae.model.displayName, href: modelHref(sae.model.id) },
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
