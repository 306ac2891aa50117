import { defineConfig } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';

// Typed ABIs for the app, the indexer, the relayer and the scripts, generated from the Foundry
// artifacts (`npm run codegen`, run after every `npm install`). Only contracts we deploy or call
// are listed, so that test and library artifacts stay out of the bundle.
export const deployedContracts = [
  'MetisToken',
  'L2Metis',
  'MessageOutbox',
  'MessageInbox',
  'GovernanceExecutor',
  'SequencerStaking',
  'SequencerSet',
  'SequencerChallenges',
  'FeeVault',
  'RewardsDistributor',
  'RandomnessBeacon',
  'VeMetis',
  'EcoGovernor',
  'TimelockController',
  'CommonsRegistry',
  'CommonsGroup',
  'EcoNodeCouncil',
  'EcoNodePromotion',
  'ProfileRegistry',
];

export default defineConfig({
  out: 'lib/contracts/abis.ts',
  plugins: [
    foundry({
      project: 'contracts',
      forge: { build: false },
      include: deployedContracts.map((name) => `${name}.json`),
      // The solc adapter also writes library artifacts under their import paths (e.g. a second
      // TimelockController.json in out/governance/ and out/contracts/governance/): keep the top-level ones.
      exclude: ['governance/**', 'contracts/**'],
    }),
  ],
});
