import { SectionTabs } from '@/components/ui/section-tabs';

const tabs = [
  { href: '/audit', label: 'Dashboard' },
  { href: '/audit/events', label: 'Events' },
  { href: '/audit/chains', label: 'Device chains' },
  { href: '/audit/destinations', label: 'Destinations' },
];

/** The Audit section: the compliance dashboard, the events, the devices' chains, the SIEMs. */
export function AuditTabs() {
  return <SectionTabs label="Audit sections" tabs={tabs} />;
}
