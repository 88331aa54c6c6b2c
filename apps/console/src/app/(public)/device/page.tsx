import { isAppError } from '@parapet/errors';
import {
  type DeviceLoginView,
  deviceLoginRefusalMessage,
  lookUpDeviceLogin,
  readDeviceLoginPerson,
} from '@parapet/identity/device-login';
import Link from 'next/link';
import { AuthCard } from '@/components/shell/auth-card';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-classes';
import { TextField } from '@/components/ui/field';
import { db } from '@/server/db';
import { readNextRequest } from '@/server/entry-points/request';
import { DecideDeviceLoginForm } from './decide-device-login-form';

export const metadata = { title: 'Connect a device' };
export const dynamic = 'force-dynamic';

// The page people (not console admins) open from `parapet-agent login`: enter the code, sign
// in with the organization's single sign-on, check the device and approve it. It stands alone,
// outside the console's navigation.

export default async function DeviceLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user_code: typed, done } = await searchParams;
  if (done === 'approved' || done === 'denied') return <Done approved={done === 'approved'} />;
  const userCode = typeof typed === 'string' ? typed.trim().slice(0, 40) : '';
  if (userCode === '') return <EnterCode />;
  const request = await readNextRequest();
  const person = await readDeviceLoginPerson({ db: db(), sessionToken: request.sessionToken });
  if (person.kind === 'no_sso_session') {
    return <SignInFirst userCode={userCode} passwordSession={person.signedIn} />;
  }
  if (person.kind !== 'person') {
    return <Refused message={deviceLoginRefusalMessage(person)} />;
  }
  let view: DeviceLoginView;
  try {
    view = await lookUpDeviceLogin({
      db: db(),
      sessionToken: request.sessionToken,
      input: { userCode },
      ip: request.ip,
    });
  } catch (error) {
    if (isAppError(error)) return <Refused message={error.message} />;
    throw error;
  }
  return <Confirm view={view} />;
}

function EnterCode() {
  return (
    <AuthCard
      title="Connect a device"
      description="Enter the code shown in your terminal by parapet-agent login."
    >
      {/* A plain GET form: the code only fills in the address; nothing changes until approval. */}
      <form method="get" action="/device" className="space-y-4">
        <TextField
          id="user_code"
          name="user_code"
          label="Code"
          placeholder="XXXX-XXXX"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          className="font-mono tracking-widest uppercase"
        />
        <button type="submit" className={buttonClasses('primary', 'w-full')}>
          Continue
        </button>
      </form>
    </AuthCard>
  );
}

function SignInFirst({
  userCode,
  passwordSession,
}: {
  userCode: string;
  passwordSession: boolean;
}) {
  const back = `/device?user_code=${encodeURIComponent(userCode)}`;
  return (
    <AuthCard
      title="Sign in to approve this device"
      description="Use your organization’s single sign-on, so the device is enrolled as you."
    >
      <CodeBox code={userCode} />
      {passwordSession ? (
        <Alert tone="info" className="mt-4">
          You are signed in to the console with a password. Approving a device needs your
          organization’s single sign-on.
        </Alert>
      ) : null}
      <Link
        href={`/sso?callbackUrl=${encodeURIComponent(back)}`}
        className={buttonClasses('primary', 'mt-6 w-full')}
      >
        Continue with SSO
      </Link>
      <p className="mt-4 text-center text-sm">
        <Link href="/device" className="text-neutral-500 underline">
          Enter a different code
        </Link>
      </p>
    </AuthCard>
  );
}

function Confirm({ view }: { view: DeviceLoginView }) {
  return (
    <AuthCard
      title="Approve this device?"
      description={
        <>
          It will be enrolled as{' '}
          <span className="font-medium text-neutral-800">{view.person.email}</span> in{' '}
          {view.organizationName} and get your policy. Approve only if you just ran parapet-agent
          login and your terminal shows this code.
        </>
      }
    >
      <CodeBox code={view.userCode} />
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-neutral-500">Device</dt>
        <dd className="font-medium break-all text-neutral-900">{view.hostname}</dd>
        <dt className="text-neutral-500">System</dt>
        <dd className="break-all text-neutral-900">{view.os}</dd>
        <dt className="text-neutral-500">Agent</dt>
        <dd className="text-neutral-900">{view.agentVersion}</dd>
      </dl>
      <div className="mt-6">
        <DecideDeviceLoginForm userCode={view.userCode} />
      </div>
    </AuthCard>
  );
}

function Refused({ message }: { message: string }) {
  return (
    <AuthCard title="This device cannot be approved">
      <Alert tone="error">{message}</Alert>
      <Link href="/device" className={buttonClasses('secondary', 'mt-6 w-full')}>
        Enter a different code
      </Link>
    </AuthCard>
  );
}

function Done({ approved }: { approved: boolean }) {
  return (
    <AuthCard title={approved ? 'Device approved' : 'Device denied'}>
      <Alert tone={approved ? 'success' : 'info'}>
        {approved
          ? 'Your terminal will finish enrolling in a few seconds. You can close this page.'
          : 'The device was not enrolled; parapet-agent login stops with a message.'}
      </Alert>
    </AuthCard>
  );
}

function CodeBox({ code }: { code: string }) {
  return (
    <p
      data-testid="device-code"
      className="rounded-md border border-neutral-200 bg-neutral-50 py-3 text-center font-mono text-2xl font-semibold tracking-[0.3em] text-neutral-900"
    >
      {code.toUpperCase()}
    </p>
  );
}
