import { groupNameField } from '@parapet/policy-admin/schemas';
import { notFound } from 'next/navigation';
import { DraftPage } from '../../draft-page';

export const metadata = { title: 'Policy group' };

export default async function GroupPolicyPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!groupNameField.safeParse(name).success) notFound();
  return <DraftPage layer={`group:${name}`} />;
}
