import { env } from '@/env';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      Feature Atlas — sparse-autoencoder features of language models. Data from <code>{env.ATLAS_API_URL}</code>.
    </footer>
  );
}
