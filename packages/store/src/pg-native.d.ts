// pg-native ships no types; the store declares the part it uses in _pg.ts.
declare module 'pg-native';
