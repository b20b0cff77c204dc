import { defineBackground } from 'wxt/utils/define-background';
import { createServices } from '../../lib/background/services';
import { startBackground } from '../../lib/background/start';
import { readBuildEnv } from '../../lib/config/build-env';
import { PracticeSyncDb } from '../../lib/db/database';
import { chromePlatform } from '../../lib/platform/chrome-platform';

export default defineBackground(() => {
  const platform = chromePlatform();
  startBackground(createServices({ env: readBuildEnv(), db: new PracticeSyncDb(), platform }), platform);
});
