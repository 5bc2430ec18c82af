/* Japanese names of result quantities and summary columns, for CSV
 * headers with language: ja. A quantity without one keeps its name. */
#include <string.h>

#include "writers.h"

static const char *const QUANTITY_JA[][2] = {
    {"demand", "需要"}, {"pv", "太陽光"}, {"unserved", "供給不足"}, {"shed", "遮断負荷"},
    {"curtailed", "出力抑制"}, {"generation", "発電"}, {"storage_charge", "蓄電池充電"},
    {"storage_discharge", "蓄電池放電"}, {"storage_level", "蓄電量"}, {"grid_import", "系統購入"},
    {"grid_export", "系統送電"}, {"wire_in", "自営線受電"}, {"wire_out", "自営線送電"},
    {"offsite_ppa_in", "オフサイトPPA受電"}, {"balance_residual", "収支残差"}, {"ac", "交流出力"},
    {"delivered", "受入量"}, {"sent_out", "送出量"}, {"used_on_site", "自家消費"}, {"clipped", "クリッピング"},
    {"sold_to_buyers", "PPA販売量"}, {"poa", "傾斜面日射強度"}, {"poa_irradiation", "傾斜面日射量"},
    {"cell_temp", "セル温度"}, {"stc_energy", "STC換算発電量"}, {"iam_loss", "入射角損失"},
    {"degradation_loss", "経年劣化損失"}, {"temperature_loss", "温度損失"}, {"dc_loss", "直流損失"},
    {"inverter_loss", "PCS損失"}, {"charge", "充電"}, {"discharge", "放電"}, {"stored", "蓄電量"},
    {"losses", "損失"}, {"drawdown", "期首からの減少"}, {"cycles", "等価サイクル"},
    {"temperature_response", "気温応答分"}, {"electricity", "発電量"}, {"heat", "熱出力"}, {"fuel", "燃料"},
    {"fuel_t", "燃料（t）"}, {"stock", "在庫"}, {"delivered_t", "搬入量"}, {"turned_away_t", "受入不可量"},
    {"burned", "燃焼量"}, {"produced", "生成量"}, {"holder", "ガスホルダー"}, {"flared", "余剰燃焼"},
    {"boiler", "ボイラー"}, {"heat_short", "熱不足"}, {"away", "外出中"}, {"trip_energy", "走行電力量"},
    {"missed_trips", "運行不能"}, {"hours", "稼働時間"}, {"capacity_factor", "設備利用率"},
};

const char *dc_label_ja(const char *quantity)
{
    for (size_t k = 0; k < sizeof QUANTITY_JA / sizeof QUANTITY_JA[0]; k++)
        if (!strcmp(QUANTITY_JA[k][0], quantity)) return QUANTITY_JA[k][1];
    return quantity;
}
