import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Feature Atlas', template: '%s · Feature Atlas' },
  description: 'Browse sparse-autoencoder features of language models: top activations, densities, histograms.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* First in tab order: keyboard users jump past the header's links to the page itself. */}
        <a className="skip-link" href="#main">Skip to content</a>
        <SiteHeader />
        <main className="page" id="main" tabIndex={-1}>{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
