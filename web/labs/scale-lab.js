import { define } from '../dom.js';
import { Panel } from '../panel.js';
define('scale-lab', class extends Panel {});
