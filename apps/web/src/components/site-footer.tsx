import { connection } from 'next/server';
import { env } from '@/env';

export async function SiteFooter() {
  await connection(); // read ATLAS_API_URL per request, never baked in at build time
  return (
    <footer className="site-footer">
      Feature Atlas — sparse-autoencoder features of language models. Data from <code>{env.ATLAS_API_URL}</code>.
    </footer>
  );
}
