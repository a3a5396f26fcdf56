import { packageConfig } from '../../tsup.config.base';
export default packageConfig({ dts: false, banner: { js: '#!/usr/bin/env node' } });
