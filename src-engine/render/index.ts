/** Pictures of simulations (SVG / HTML strings). */
export * from './timeline';
export { renderSimulationHtml } from './simulationHtml';
export { escapeXml } from './svgStyle';
