// Entry of the flex-storage WASM artifact (re-exports only): the exact single-battery schedule.
export { heapBase } from '../heap';
export { scheduleStorage, storageScheduleWorkspaceF64, storageScheduleWorkspaceI32 } from './storage-schedule';
