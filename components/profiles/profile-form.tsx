'use client';

import { useRouter } from 'next/navigation';
import { isAddressEqual } from 'viem';
import { useAccount, useConfig } from 'wagmi';
import type { ProfileItem } from '@/lib/api';
import { contractOf } from '@/lib/contracts/descriptors';
import { INTERESTS, type InterestKey, interestMask, interestsOf } from '@/lib/interests';
import { linksError, linksOf, profileNameError, statementUriError, statementUriOf } from '@/lib/profiles';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { errorAria, Field, FieldError } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/**
 * "Set your profile" on one's own account page (docs/MECHANISMS.md §8): name, statement (markdown, kept
 * inline, or the https:// / ipfs:// address of one), links and interests, checked with the contract's
 * rules (lib/profiles.ts) before signing; the contract's refusals read as the same sentences.
 */
export default function ProfileForm({ account, profile }: { account: string; profile: ProfileItem | null }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const own = !!address && isAddressEqual(address, account as `0x${string}`);
  useNeedChain(own ? 'l2' : undefined);
  const form = useTxForm(
    {
      name: profile?.name ?? '',
      statement: profile ? (profile.statement ?? profile.statementURI) : '',
      links: (profile?.links ?? []).join('\n'),
      interests: interestsOf(profile?.interests ?? 0).map((i) => i.key) as InterestKey[],
    },
    { clear: [], onDone: () => router.refresh() },
  );
  if (!own || !address) return null;
  const { name, statement, links, interests } = form.values;
  const statementURI = statementUriOf(statement);
  const linkList = linksOf(links);
  const errors = { name: profileNameError(name), statement: statementUriError(statementURI), links: linksError(linkList) };
  const registry = contractOf(config, 'l2', 'ProfileRegistry');
  const steps = () => [
    contractStep(wagmiConfig, `Set your profile as ${name}`, {
      ...registry,
      account: address,
      functionName: 'setProfile',
      args: [name, statementURI, linkList, interestMask(interests)],
    }),
  ];
  const toggle = (key: InterestKey) => form.set('interests', interests.includes(key) ? interests.filter((k) => k !== key) : [...interests, key]);
  const shownLinks = form.shown(errors.links);
  const shownStatement = form.shown(errors.statement);
  return (
    <section className="card space-y-4" aria-labelledby="set-profile">
      <div>
        <h2 id="set-profile" className="text-lg font-semibold">
          Set your profile
        </h2>
        <p className="muted text-sm">
          Names are not unique, so your short address always shows beside yours; names that read like a known account's are refused.
        </p>
      </div>
      <TxForm form={form} errors={errors} steps={steps} label="Save profile" busyLabel="Saving…">
        <Field id="profile-name" label="Name" maxLength={64} spellCheck={false} {...form.field('name', errors.name)} />
        <div>
          <label htmlFor="profile-statement" className="label">
            Statement (markdown, or the https:// or ipfs:// address of one)
          </label>
          <textarea
            id="profile-statement"
            className="input mt-1 min-h-24 w-full"
            value={statement}
            onChange={(e) => form.set('statement', e.target.value)}
            disabled={form.busy}
            {...errorAria('profile-statement', shownStatement)}
          />
          <FieldError id="profile-statement" error={shownStatement} />
        </div>
        <div>
          <label htmlFor="profile-links" className="label">
            Links (https://, one a line, at most 4)
          </label>
          <textarea
            id="profile-links"
            className="input mt-1 min-h-16 w-full font-mono text-xs"
            spellCheck={false}
            value={links}
            onChange={(e) => form.set('links', e.target.value)}
            disabled={form.busy}
            {...errorAria('profile-links', shownLinks)}
          />
          <FieldError id="profile-links" error={shownLinks} />
        </div>
        <fieldset>
          <legend className="label">Interests</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {INTERESTS.map((i) => (
              <label key={i.key} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={interests.includes(i.key)} onChange={() => toggle(i.key)} disabled={form.busy} />
                {i.label}
              </label>
            ))}
          </div>
        </fieldset>
      </TxForm>
    </section>
  );
}
