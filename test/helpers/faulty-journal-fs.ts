import { NODE_JOURNAL_FS, type JournalFileHandle, type JournalFs } from '../../main/history/journal-files';

// The journal's fs seam with faults a test arms one at a time: the next fsync fails with
// EIO, the next write stops half-way with ENOSPC (what a full disk does), the next
// truncate fails. Each armed fault fires once; everything else goes to node's fs.

export type JournalFaults = { sync: number; tornWrite: number; truncate: number };

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected by the test`), { code });
}

export function faultyJournalFs(): { fs: JournalFs; faults: JournalFaults } {
  const faults: JournalFaults = { sync: 0, tornWrite: 0, truncate: 0 };
  const take = (name: keyof JournalFaults) => (faults[name] > 0 ? ((faults[name] -= 1), true) : false);
  const fs: JournalFs = {
    async open(path, flags, mode) {
      const real = await NODE_JOURNAL_FS.open(path, flags, mode);
      const handle: JournalFileHandle = {
        stat: () => real.stat(),
        close: () => real.close(),
        sync: async () => {
          if (take('sync')) throw errno('EIO');
          return real.sync();
        },
        truncate: async (length) => {
          if (take('truncate')) throw errno('EIO');
          return real.truncate(length);
        },
        appendFile: async (text, encoding) => {
          if (take('tornWrite')) {
            await real.appendFile(text.slice(0, Math.floor(text.length / 2)), encoding);
            throw errno('ENOSPC');
          }
          return real.appendFile(text, encoding);
        },
      };
      return handle;
    },
  };
  return { fs, faults };
}
