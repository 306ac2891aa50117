import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="card">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="muted mt-1">
        Nothing lives at this address.{' '}
        <Link className="underline" href="/">
          Back to the Dashboard
        </Link>
        .
      </p>
    </div>
  );
}
