import { berthTsup } from '../../tsup.base.ts';

export default berthTsup();
