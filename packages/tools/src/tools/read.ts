import { defineTool } from '../framework/define-tool.js';
import { resourceActions } from './resources.js';
import { systemActions } from './system.js';

/**
 * Every read, in one tool: hosts and their engines, then the objects they hold. One tool,
 * not two, because the hints are the same for every read and each tool costs every
 * session its envelope in tools/list; the actions keep the two apart.
 */
export const readTool = defineTool({
  name: 'read',
  title: 'Read hosts, engines and Docker objects',
  intro:
    'Reads only; secret values masked. No `host`: the default host (hosts, test: every host); failing hosts end the answer as `!` lines. `kind`: container (default), image, volume, network. Times: 10m or 2h (that long ago), ISO, epoch seconds.',
  toolset: 'docker',
  actions: { ...systemActions, ...resourceActions },
});
