// Type parity, checked by `npm test`'s type-check (tsconfig.json includes this file; it is no test
// module and never runs): what a user moving from @auth0/auth0-spa-js 2.28.3 passes in and gets
// back must assign between the SDK's types and ours in the directions their code relies on.
// Left out on purpose: `Auth0Client` itself, nominally (the SDK's class has private members, so
// no other class can ever be assignable to it), and `IdToken.auth_time` (below).
import type * as Spa from '@auth0/auth0-spa-js';
import type * as Ours from '../../../src/engine.js';

type Assert<T extends true> = T;
type Assignable<From, To> = [From] extends [To] ? true : false;

// Their options and arguments into our constructor and calls.
export type CheckOptions = Assert<Assignable<Spa.Auth0ClientOptions, Ours.Auth0ClientOptions>>;
export type CheckRedirect = Assert<Assignable<Spa.RedirectLoginOptions, Parameters<Ours.Auth0Client['loginWithRedirect']>[0]>>;
export type CheckPopup = Assert<Assignable<Spa.PopupLoginOptions, Parameters<Ours.Auth0Client['loginWithPopup']>[0]>>;
export type CheckPopupConfig = Assert<Assignable<Spa.PopupConfigOptions, Parameters<Ours.Auth0Client['loginWithPopup']>[1]>>;
export type CheckSilent = Assert<Assignable<Spa.GetTokenSilentlyOptions, Parameters<Ours.Auth0Client['getTokenSilently']>[0]>>;
export type CheckLogout = Assert<Assignable<Spa.LogoutOptions, Parameters<Ours.Auth0Client['logout']>[0]>>;
export type CheckCache = Assert<Assignable<Spa.ICache, NonNullable<Ours.Auth0ClientOptions['cache']>>>;
export type CheckExchange = Assert<Assignable<Spa.CustomTokenExchangeOptions, Parameters<Ours.Auth0Client['exchangeToken']>[0]>>;

// Our results into their types.
export type CheckUser = Assert<Assignable<Awaited<ReturnType<Ours.Auth0Client['getUser']>>, Spa.User | undefined>>;
// `auth_time` aside: the SDK types it as a string, but it is a number (OIDC Core §2, NumericDate).
type OurClaims = NonNullable<Awaited<ReturnType<Ours.Auth0Client['getIdTokenClaims']>>>;
export type CheckClaims = Assert<Assignable<Omit<OurClaims, 'auth_time'>, Omit<Spa.IdToken, 'auth_time'>>>;
export type CheckVerbose = Assert<Assignable<Ours.GetTokenSilentlyVerboseResponse, Spa.GetTokenSilentlyVerboseResponse>>;
export type CheckConfiguration = Assert<Assignable<ReturnType<Ours.Auth0Client['getConfiguration']>, ReturnType<Spa.Auth0Client['getConfiguration']>>>;
export type CheckCaches = Assert<Assignable<Ours.InMemoryCache['enclosedCache'], Spa.ICache>>;
