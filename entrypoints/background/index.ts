import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../../lib/background/setup';

export default defineBackground(() => startBackground());
