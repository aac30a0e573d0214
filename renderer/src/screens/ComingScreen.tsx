import type { ReactNode } from 'react';
import { ScreenHeader } from '../components/common.tsx';

/** A screen whose feature is not built yet: says so plainly, shows no figure. */
export function ComingScreen({ title, text }: { title: string; text: string }): ReactNode {
  return (
    <div className="page">
      <ScreenHeader title={title} />
      <div className="notice">{text}</div>
    </div>
  );
}
