import { cpSync, rmSync } from 'node:fs';
import { packageConfig } from '../../tsup.config.base';

// The repository's templates/ are the source of truth; a copy ships inside the
// package (gitignored) so an installed @duban/pdf finds them next to dist/.
export default packageConfig({
  onSuccess: async () => {
    rmSync('templates', { recursive: true, force: true });
    cpSync('../../templates', 'templates', { recursive: true });
  },
});
