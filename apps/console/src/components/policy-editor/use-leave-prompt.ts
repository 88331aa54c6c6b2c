'use client';

import { useEffect } from 'react';

const leaveMessage = 'You have unsaved changes to this policy. Leave without saving?';

/** The link a click would follow to another page of this tab, if any. */
function leavingLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || (link.target !== '' && link.target !== '_self')) {
    return null;
  }
  const next = new URL(link.href, window.location.href);
  const here = new URL(window.location.href);
  return next.pathname === here.pathname && next.search === here.search ? null : link;
}

/**
 * Asks before unsaved work is left behind: on reload, close and typed addresses (the browser's
 * own prompt), and on the console's links, which navigate without unloading the page.
 */
export function useLeavePrompt(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (leavingLink(event) === null || window.confirm(leaveMessage)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [unsaved]);
}
