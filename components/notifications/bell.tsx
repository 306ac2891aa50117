'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useRef } from 'react';
import { useAccount } from 'wagmi';
import { formatDateTime } from '@/lib/format';
import { feedUrls, fetchNotices, markNoticesRead, NOTICE_KINDS, type NoticeItem } from '@/lib/notices';
import { pollMs } from '@/lib/polling';
import { useAppConfig } from '../config/app-config';

/**
 * The bell: the connected account's unread count from the notifier (docs/ARCHITECTURE.md, "Notifier"),
 * and a dialog with its newest notices (unread marked), each linking where to act, "Mark all read" and
 * the account's feeds. Nothing when no account is connected or the deployment has no notifier.
 */
export default function Bell() {
  const config = useAppConfig();
  const { address } = useAccount();
  const notifierUrl = config.notifierUrl;
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const queryKey = ['notices', notifierUrl, address];
  const inbox = useQuery({
    queryKey,
    queryFn: () => fetchNotices(notifierUrl!, address!, { limit: 20 }),
    enabled: Boolean(notifierUrl && address),
    refetchInterval: pollMs(config.network, 'page'),
  });
  const markAll = useMutation({
    mutationFn: () => markNoticesRead(notifierUrl!, address!),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  if (!notifierUrl || !address) return null;
  const unread = inbox.data?.unread ?? 0;
  const label = inbox.data ? `Notifications: ${unread} unread` : 'Notifications';
  const feeds = feedUrls(notifierUrl, address);
  return (
    <>
      <button
        type="button"
        className="btn-secondary relative px-2.5"
        aria-label={label}
        aria-haspopup="dialog"
        data-testid="notification-bell"
        data-unread={inbox.data ? unread : undefined}
        onClick={() => dialog.current?.showModal()}
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden
            className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/60 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
        data-testid="notifications"
      >
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={titleId} className="text-lg font-semibold">
            Notifications
          </h2>
          <span className="muted text-sm">{unread} unread</span>
          <button type="button" className="btn-secondary ml-auto" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
            Mark all read
          </button>
        </div>
        {inbox.error && <p className="mt-3 text-sm text-red-700 dark:text-red-400">The notifier is unavailable: {inbox.error.message}</p>}
        {inbox.data && inbox.data.items.length === 0 && <p className="muted mt-3 text-sm">Nothing needs you now.</p>}
        <ul className="mt-3 max-h-[60vh] divide-y divide-zinc-200 overflow-y-auto text-sm dark:divide-zinc-800" data-testid="notice-list">
          {inbox.data?.items.map((n) => (
            <NoticeRow key={n.key} notice={n} onOpen={() => dialog.current?.close()} />
          ))}
        </ul>
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <a className="underline" href={feeds.atom}>
            Atom feed
          </a>
          <a className="underline" href={feeds.ics}>
            Calendar (iCal)
          </a>
          <button type="button" className="btn-secondary ml-auto" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}

function NoticeRow({ notice: n, onOpen }: { notice: NoticeItem; onOpen: () => void }) {
  const unread = n.readAt === null;
  return (
    <li className="py-2" data-testid="notice" data-kind={n.kind} data-unread={unread ? 'true' : 'false'}>
      <div className="flex items-baseline gap-2">
        {unread && <span className="size-2 shrink-0 rounded-full bg-brand-500" aria-hidden />}
        <span className="muted text-xs">{NOTICE_KINDS[n.kind]}</span>
        {unread && <span className="sr-only">(unread)</span>}
      </div>
      <Link href={n.link} className={`block hover:underline ${unread ? 'font-semibold' : ''}`} onClick={onOpen}>
        {n.title}
      </Link>
      <p className="muted text-xs">
        {n.body}
        {n.deadline && <> By {formatDateTime(Number(n.deadline))}.</>}
      </p>
    </li>
  );
}
