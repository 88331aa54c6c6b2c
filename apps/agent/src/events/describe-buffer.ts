import { listSegments } from './buffer-segments';
import { bufferDir, bufferedEvents, droppedEvents, readBufferState } from './buffer-state';
import { liveBytes } from './buffer-walk';

/** The event buffer as `status` shows it; read without the lock, so a moment's snapshot. */
export async function describeBuffer(stateDir: string) {
  const state = await readBufferState(stateDir);
  if (state === undefined) {
    return {
      buffered: 0,
      bytes: 0,
      nextSeq: 1,
      dropped: 0,
      droppedEvents: 0,
      torn: 0,
      corrupt: 0,
      rejected: 0,
      uploaded: 0,
      lastUploadAt: null,
      lastUploadError: null,
    };
  }
  const segments = await listSegments(bufferDir(stateDir));
  return {
    buffered: bufferedEvents(state),
    bytes: liveBytes(state, segments),
    nextSeq: state.nextSeq,
    ...state.counters,
    /** What the device status carries: dropped and unreadable events together. */
    droppedEvents: droppedEvents(state),
    lastUploadAt: state.lastUploadAt,
    lastUploadError: state.lastUploadError,
  };
}
