import { ponder } from 'ponder:registry';
import './handlers/beacon';
import './handlers/bus';
import './handlers/challenges';
import './handlers/commons';
import './handlers/eco-nodes';
import './handlers/profiles';
import './handlers/rewards';
import './handlers/staking';
import './handlers/timelock';
import { recordTransfer } from './handlers/transfers';

ponder.on('MetisToken:Transfer', recordTransfer);
ponder.on('L2Metis:Transfer', recordTransfer);
