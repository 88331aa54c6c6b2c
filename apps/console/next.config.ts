import type { NextConfig } from 'next';

// Security headers for every response. The console renders no third-party content, so a strict
// policy costs nothing; 'unsafe-inline' for scripts is what Next's inline bootstrap needs
// without a nonce-based setup, and development mode's fast refresh needs 'unsafe-eval'.
// This file runs before the app's env.ts exists in any bundle, hence the direct read.
const isDevelopment = process.env.NODE_ENV === 'development';
const scriptSources = isDevelopment
  ? "'self' 'unsafe-inline' 'unsafe-eval'"
  : "'self' 'unsafe-inline'";

const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  {
    key: 'Content-Security-Policy',
    value: `default-src 'self'; script-src ${scriptSources}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
  },
];

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them with the app.
  transpilePackages: [
    '@parapet/accounts',
    '@parapet/db',
    '@parapet/errors',
    '@parapet/policy',
    '@parapet/policy-admin',
  ],
  // Native and driver modules stay outside the bundle and load from node_modules at run time
  // (Prisma 7's client runs over node-postgres through @prisma/adapter-pg).
  // SAML's jackson loads TypeORM and its drivers dynamically, which a bundle cannot follow.
  serverExternalPackages: [
    '@node-rs/argon2',
    'pg',
    '@prisma/adapter-pg',
    '@prisma/client',
    '@boxyhq/saml-jackson',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // `/sso?callbackUrl=…` is the public "sign in with SSO, then go back" entry pages for people
  // link to; plain `/sso` is the console's SSO settings page.
  async rewrites() {
    return {
      beforeFiles: [
        {
          source: '/sso',
          has: [{ type: 'query', key: 'callbackUrl' }],
          destination: '/sign-in/sso',
        },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
