'use client';

import { useState } from 'react';
import { parseMetisInput } from '@/lib/amounts';

/** A form's METIS amount: its text, parsed value, whether a submit was tried (errors show from then), and a reset after success. */
export function useAmount() {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  return {
    text,
    setText,
    parsed: parseMetisInput(text),
    touched,
    touch: () => setTouched(true),
    clear: () => {
      setText('');
      setTouched(false);
    },
  };
}
