/** Pictures of simulations (SVG / HTML strings). */
export * from './timeline';
