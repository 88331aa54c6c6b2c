import { notFound } from 'next/navigation';
import { DraftPage } from '../draft-page';

export const metadata = { title: 'Policy document' };

/** The guardrails or baseline editor; groups have their own address (/policy/groups/<name>). */
export default async function LayerPage({ params }: { params: Promise<{ layer: string }> }) {
  const { layer } = await params;
  if (layer !== 'guardrails' && layer !== 'baseline') notFound();
  return <DraftPage layer={layer} />;
}
