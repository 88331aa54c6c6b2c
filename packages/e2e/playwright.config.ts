import { defineConfig } from '@playwright/test';
import { e2eBaseUrl } from './support/base-url';
import { chromiumLaunchOptions } from './support/chromium';

// The specs drive one real console (production build) on a fresh embedded Postgres that the
// global setup starts and its teardown stops. They share that server, so their order matters:
// first-run sets the installation up (it can happen once per server); the stories in between
// each create the accounts they need through the UI; the activity log is checked last, for
// the traces all of them left. Projects with dependencies make that order explicit.
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;
const firstRun = /first-run\.spec\.ts$/;
const activityLog = /activity-log\.spec\.ts$/;
// Last: it replaces the baseline and publishes, which the specs before it do not expect.
const endpointDistribution = /endpoint-distribution\.spec\.ts$/;
// Runs after the stories: it publishes a version, and the policy-authoring story counts its
// versions from 1.
const peopleAndSimulator = /people-and-simulator\.spec\.ts$/;
// After everything: they enroll a device and invite a member, which the stories' empty Devices
// page and member counts do not expect.
const audit = /(audit-destinations|compliance-dashboards)\.spec\.ts$/;
// After audit: it claims acme.example, adds an OIDC connection and two members, and turns
// "Require SSO" on and off again.
const identityOidc = /identity-oidc\.spec\.ts$/;
// After audit: SAML single sign-on claims acme.example, adds a connection and a member and
// switches "require SSO" on and off again.
const identitySso = /identity-sso\.spec\.ts$/;
// After audit (and the identity projects once they exist): it starts parapet-agent login and
// signs the owner in on the people page, which the specs before it do not expect.
const deviceLogin = /device-login\.spec\.ts$/;
// After audit: it maps a directory's group to the `research` policy group that
// people-and-simulator created, and provisions a person the specs before it do not expect.
const directories = /directories\.spec\.ts$/;
// Last: it creates a second organization with the operator's command and has its owner join
// the first one too, which the specs before it do not expect.
const organizations = /organizations\.spec\.ts$/;

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  outputDir: '../../test-results/e2e',
  reporter: jsonReport ? [['list'], ['json', { outputFile: jsonReport }]] : [['list']],
  globalSetup: './support/global-setup.ts',
  use: {
    baseURL: e2eBaseUrl,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'first-run', testMatch: firstRun },
    {
      name: 'stories',
      testIgnore: [
        firstRun,
        activityLog,
        peopleAndSimulator,
        endpointDistribution,
        audit,
        identityOidc,
        identitySso,
        deviceLogin,
        directories,
        organizations,
      ],
      dependencies: ['first-run'],
    },
    { name: 'people-and-simulator', testMatch: peopleAndSimulator, dependencies: ['stories'] },
    { name: 'activity-log', testMatch: activityLog, dependencies: ['people-and-simulator'] },
    {
      name: 'endpoint-distribution',
      testMatch: endpointDistribution,
      dependencies: ['activity-log'],
    },
    { name: 'audit', testMatch: audit, dependencies: ['endpoint-distribution'] },
    { name: 'identity-sso', testMatch: identitySso, dependencies: ['audit'] },
    { name: 'identity-oidc', testMatch: identityOidc, dependencies: ['identity-sso'] },
    { name: 'device-login', testMatch: deviceLogin, dependencies: ['identity-oidc'] },
    { name: 'directories', testMatch: directories, dependencies: ['device-login'] },
    { name: 'organizations', testMatch: organizations, dependencies: ['directories'] },
  ],
});
