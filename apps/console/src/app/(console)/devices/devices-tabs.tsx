import { SectionTabs } from '@/components/ui/section-tabs';

const tabs = [
  { href: '/devices', label: 'Devices' },
  { href: '/devices/enrollment-tokens', label: 'Enrollment tokens' },
  { href: '/devices/signing-keys', label: 'Signing keys' },
];

/** The three views of distribution: the fleet, how devices join it, and what signs its policy. */
export function DevicesTabs() {
  return <SectionTabs label="Devices sections" tabs={tabs} />;
}
