// The cost reports as plain functions (no MCP around them), for the tools here and for skills that compose them.
export { type AnomalyData, detectAnomalies } from './anomalies.ts'
export { byCompartment, byService, type RankingData, type SummaryData, summarize } from './summaries.ts'
export { monthlyTrend, type TrendData } from './trend.ts'
