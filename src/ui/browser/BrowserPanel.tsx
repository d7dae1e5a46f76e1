import { useCallback, useMemo, useState } from 'react';
import { diffRows } from '../../state/diff';
import { usePlayground } from '../../state/playground';
import { useRoute } from '../../state/route';
import { useSelectedStep } from '../hooks';
import { useUi } from '../uiState';
import { cookieId, jarOf } from './cookieText';
import { CookieTable, jarRows } from './CookieTable';
import { HandCookieForm } from './HandCookieForm';
import { ProfileSwitcher } from './ProfileSwitcher';
import { RequestComposer } from './RequestComposer';
import './browser.css';

/** Profiles always offered, whether or not a step has used them yet. */
const BUILT_IN_PROFILES = ['default', 'victim', 'attacker'];
const PAGE_URL = 'https://shop.example/';

export function BrowserPanel() {
  const { current, previous, settings, identities } = useSelectedStep();
  const profile = useUi((s) => s.profile);
  const inLesson = useRoute((s) => s.route.kind === 'lesson');
  const addStep = usePlayground((s) => s.addStep);
  const [added, setAdded] = useState<string[]>([]);
  const world = current.world;
  const previousWorld = previous?.world ?? null;

  // The same list (the same array) until a profile is added: what lets the memoized parts skip a step.
  const profileNames = [...new Set([...BUILT_IN_PROFILES, ...world.browser.names(), ...added, profile])].filter((n) => n !== 'default').sort().join('\n');
  const profiles = useMemo(() => ['default', ...(profileNames ? profileNames.split('\n') : [])], [profileNames]);

  const rows = useMemo(() => {
    const before = previousWorld ? jarOf(previousWorld, profile) : null;
    return jarRows(diffRows(before, jarOf(world, profile), cookieId));
  }, [world, previousWorld, profile]);

  const documentCookie = useMemo(
    () => (world.browser.has(profile) ? world.browser.profile(profile).documentCookie(PAGE_URL, world.now) : ''),
    [world, profile],
  );

  const addProfile = useCallback((name: string) => setAdded((list) => (list.includes(name) ? list : [...list, name])), []);

  return (
    <section className="panel panel-browser" aria-labelledby="panel-browser-title">
      <h2 id="panel-browser-title">Browser</h2>
      <ProfileSwitcher profiles={profiles} onAdd={addProfile} />
      {inLesson ? (
        <details className="detour">
          <summary>Detour: send a request of your own</summary>
          <p className="detour-note">It is added after the lesson&apos;s steps; “Back to the lesson” removes it again.</p>
          <RequestComposer />
        </details>
      ) : <RequestComposer />}
      <div className="jar-heading">
        <h3>Cookies</h3>
        <button type="button" onClick={() => void addStep({ close_browser: profile })} aria-keyshortcuts="r">
          Restart browser
        </button>
      </div>
      <CookieTable
        rows={rows}
        now={world.now}
        profile={profile}
        targets={profiles}
        sessionCookieName={settings.SESSION_COOKIE_NAME}
        identities={identities}
      />
      <p className="document-cookie">
        <code>document.cookie</code> on {PAGE_URL}: <code>{JSON.stringify(documentCookie)}</code>
      </p>
      <HandCookieForm profile={profile} defaultName={settings.SESSION_COOKIE_NAME} />
    </section>
  );
}
