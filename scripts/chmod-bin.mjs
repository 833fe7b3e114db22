// npm links `bin` entries executable on install, but a local `npm run build` leaves dist/cli/main.js 0644.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
