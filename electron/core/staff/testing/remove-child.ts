// Child process of the rotation crash test: unlocks the vault and removes one staff account
// (which rotates the data key). The parent kills it with SIGKILL at an injected point
// (KASANE_TEST_CRASH_AT) or at a random moment during the rekey (KASANE_TEST_TRACE prints the points).
import { writeSync } from 'node:fs';
import { unlockVault } from '../../vault/vault';
import { removeStaff } from '../staff-service';

const [dir, staffId] = process.argv.slice(2);
const vault = await unlockVault(dir!, { passphrase: process.env.KASANE_PASSPHRASE ?? '' });
const result = await removeStaff(vault, staffId!, new Date());
vault.close();
writeSync(1, `done ${result.ms}\n`);
