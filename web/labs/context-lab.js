import { define } from '../dom.js';
import { Panel } from '../panel.js';
define('context-lab', class extends Panel {});
