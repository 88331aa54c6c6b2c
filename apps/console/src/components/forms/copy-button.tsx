'use client';

import { useState } from 'react';
import { Button } from '../ui/button';

/** Copies a value to the clipboard and says so. */
export function CopyButton({ value, label = 'Copy link' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Button variant="secondary" onClick={copy} aria-live="polite">
      {copied ? 'Copied' : label}
    </Button>
  );
}
