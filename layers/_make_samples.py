"""Regenerate ``layers/data/sample_projects.geojson`` (run ``python -m layers._make_samples``).

The sample projects are FICTITIOUS: names, organisations and amounts are made up
to demonstrate the tool. Their locations are places where projects of the
theme plausibly stand (ports, hospitals, stations, science parks). Every
feature carries ``sample: true``.
"""

from __future__ import annotations

import json
from pathlib import Path

# (theme, name, lon, lat, expected municipality, amount in EUR, status, start year)
SAMPLES: list[tuple[str, str, float, float, str, int, str, int]] = [
    # hydrogen: IJmuiden, the port, Schiphol, bus depots
    ("hydrogen", "Waterstofhub IJmuiden (voorbeeld)", 4.605, 52.462, "Velsen", 48_000_000, "ongoing", 2025),
    ("hydrogen", "Elektrolyser Westpoort (voorbeeld)", 4.790, 52.415, "Amsterdam", 36_500_000, "planned", 2027),
    ("hydrogen", "Waterstoftankstation Schiphol (voorbeeld)", 4.765, 52.305, "Haarlemmermeer", 6_200_000, "ongoing", 2024),
    ("hydrogen", "Waterstofleiding Zaanstad (voorbeeld)", 4.800, 52.430, "Zaanstad", 12_750_000, "planned", 2026),
    ("hydrogen", "H2-busremise Haarlem (voorbeeld)", 4.660, 52.395, "Haarlem", 3_400_000, "completed", 2023),
    ("hydrogen", "Waterstof voor binnenvaart Beverwijk (voorbeeld)", 4.665, 52.480, "Beverwijk", 2_100_000, "planned", 2026),
    ("hydrogen", "Waterstofvliegen Lelystad Airport (voorbeeld)", 5.520, 52.460, "Lelystad", 4_800_000, "planned", 2027),
    ("hydrogen", "H2-bussen Gooi (voorbeeld)", 5.165, 52.228, "Hilversum", 2_950_000, "ongoing", 2025),
    ("hydrogen", "Waterstof bouwlogistiek Almere (voorbeeld)", 5.190, 52.360, "Almere", 1_250_000, "planned", 2026),
    # smart electricity / energy systems
    ("smart_energy", "Energiehub Amsterdam Zuidoost (voorbeeld)", 4.950, 52.310, "Amsterdam", 18_000_000, "ongoing", 2025),
    ("smart_energy", "Slim net Almere Poort (voorbeeld)", 5.150, 52.350, "Almere", 7_400_000, "ongoing", 2024),
    ("smart_energy", "Zonnepark en batterij Lelystad (voorbeeld)", 5.500, 52.490, "Lelystad", 22_300_000, "planned", 2026),
    ("smart_energy", "Netcongestie-aanpak Haarlemmermeer (voorbeeld)", 4.660, 52.260, "Haarlemmermeer", 5_600_000, "ongoing", 2025),
    ("smart_energy", "Warmtenet IJmond (voorbeeld)", 4.630, 52.455, "Velsen", 14_200_000, "planned", 2027),
    ("smart_energy", "Energiecooperatie Hilversum (voorbeeld)", 5.185, 52.215, "Hilversum", 850_000, "completed", 2022),
    ("smart_energy", "Slimme laadpleinen Waterland (voorbeeld)", 5.020, 52.440, "Waterland", 640_000, "ongoing", 2025),
    ("smart_energy", "Buurtbatterij Zandvoort (voorbeeld)", 4.535, 52.370, "Zandvoort", 390_000, "planned", 2026),
    ("smart_energy", "Energiedelen Uithoorn (voorbeeld)", 4.825, 52.240, "Uithoorn", 520_000, "ongoing", 2024),
    # circular, biobased and modular construction
    ("circular_construction", "Biobased wijk Oosterwold (voorbeeld)", 5.280, 52.340, "Almere", 27_500_000, "ongoing", 2024),
    ("circular_construction", "Houtbouwfabriek Almere (voorbeeld)", 5.240, 52.390, "Almere", 15_800_000, "planned", 2026),
    ("circular_construction", "Modulaire woningen Lelystad (voorbeeld)", 5.450, 52.515, "Lelystad", 9_300_000, "ongoing", 2025),
    ("circular_construction", "Circulair Buiksloterham (voorbeeld)", 4.910, 52.392, "Amsterdam", 11_200_000, "ongoing", 2023),
    ("circular_construction", "Materialenhub Haarlemmermeer (voorbeeld)", 4.700, 52.290, "Haarlemmermeer", 4_100_000, "planned", 2026),
    ("circular_construction", "Biobased isolatie Zaanstad (voorbeeld)", 4.815, 52.460, "Zaanstad", 2_700_000, "ongoing", 2025),
    ("circular_construction", "Circulaire sloop Purmerend (voorbeeld)", 4.950, 52.510, "Purmerend", 1_150_000, "completed", 2023),
    ("circular_construction", "Houten schoolgebouw Bussum (voorbeeld)", 5.160, 52.275, "Gooise Meren", 3_600_000, "planned", 2027),
    ("circular_construction", "Hergebruik staal Heemskerk (voorbeeld)", 4.670, 52.505, "Heemskerk", 2_250_000, "planned", 2026),
    # health promotion and prevention: university medical centres and hospitals
    ("health", "Preventiecentrum Amsterdam UMC-AMC (voorbeeld)", 4.958, 52.294, "Amsterdam", 21_000_000, "ongoing", 2024),
    ("health", "Leefstijllab Amsterdam UMC-VUmc (voorbeeld)", 4.859, 52.334, "Amsterdam", 8_700_000, "ongoing", 2025),
    ("health", "Gezonde wijk Oost (voorbeeld)", 4.925, 52.358, "Amsterdam", 1_300_000, "completed", 2022),
    ("health", "Valpreventie Haarlem (voorbeeld)", 4.660, 52.375, "Haarlem", 950_000, "ongoing", 2024),
    ("health", "Digitale zorg Beverwijk (voorbeeld)", 4.655, 52.485, "Beverwijk", 1_800_000, "planned", 2026),
    ("health", "Gezond Almere (voorbeeld)", 5.210, 52.370, "Almere", 3_200_000, "ongoing", 2025),
    ("health", "Zorgcampus Hilversum (voorbeeld)", 5.175, 52.220, "Hilversum", 5_400_000, "planned", 2027),
    ("health", "Preventie Zaanstreek (voorbeeld)", 4.830, 52.450, "Zaanstad", 760_000, "ongoing", 2024),
    ("health", "Ouderenzorg Purmerend (voorbeeld)", 4.955, 52.500, "Purmerend", 1_050_000, "planned", 2026),
    ("health", "Sportief Amstelveen (voorbeeld)", 4.865, 52.300, "Amstelveen", 480_000, "completed", 2023),
    # smart mobility
    ("smart_mobility", "Mobiliteitshub Amsterdam Centraal (voorbeeld)", 4.900, 52.378, "Amsterdam", 24_000_000, "ongoing", 2024),
    ("smart_mobility", "Slimme bagagelogistiek Schiphol (voorbeeld)", 4.760, 52.310, "Haarlemmermeer", 13_500_000, "planned", 2026),
    ("smart_mobility", "Deelmobiliteit Amstel (voorbeeld)", 4.918, 52.346, "Amsterdam", 2_300_000, "ongoing", 2025),
    ("smart_mobility", "Autonome shuttle Almere (voorbeeld)", 5.218, 52.375, "Almere", 4_700_000, "ongoing", 2024),
    ("smart_mobility", "Slimme verkeerslichten Lelystad (voorbeeld)", 5.475, 52.510, "Lelystad", 1_600_000, "completed", 2023),
    ("smart_mobility", "Fietsparkeren Haarlem (voorbeeld)", 4.637, 52.387, "Haarlem", 2_900_000, "planned", 2026),
    ("smart_mobility", "Knooppunt Hilversum (voorbeeld)", 5.178, 52.226, "Hilversum", 3_100_000, "planned", 2027),
    ("smart_mobility", "Stationsgebied Zaandam (voorbeeld)", 4.825, 52.438, "Zaanstad", 5_800_000, "ongoing", 2025),
    ("smart_mobility", "Hub Uitgeest (voorbeeld)", 4.715, 52.530, "Uitgeest", 890_000, "planned", 2026),
    ("smart_mobility", "Logistiek Diemen (voorbeeld)", 4.960, 52.340, "Diemen", 1_450_000, "ongoing", 2024),
    # secure data sharing
    ("data_sharing", "Datadeelplatform Zuidas (voorbeeld)", 4.875, 52.340, "Amsterdam", 6_500_000, "ongoing", 2024),
    ("data_sharing", "Datalab Marineterrein (voorbeeld)", 4.915, 52.373, "Amsterdam", 3_900_000, "ongoing", 2025),
    ("data_sharing", "Luchthavendata Hoofddorp (voorbeeld)", 4.695, 52.300, "Haarlemmermeer", 4_400_000, "planned", 2026),
    ("data_sharing", "Havendata Amsterdam (voorbeeld)", 4.830, 52.410, "Amsterdam", 5_100_000, "ongoing", 2025),
    ("data_sharing", "Zorgdata Almere (voorbeeld)", 5.222, 52.368, "Almere", 1_700_000, "planned", 2026),
    ("data_sharing", "Open data Haarlem (voorbeeld)", 4.645, 52.380, "Haarlem", 620_000, "completed", 2022),
    ("data_sharing", "Mediadata Hilversum (voorbeeld)", 5.170, 52.233, "Hilversum", 2_400_000, "ongoing", 2025),
    ("data_sharing", "Logistieke data Zaanstad (voorbeeld)", 4.805, 52.452, "Zaanstad", 980_000, "planned", 2026),
    ("data_sharing", "Agrodata Lelystad (voorbeeld)", 5.470, 52.500, "Lelystad", 1_350_000, "ongoing", 2024),
    # artificial intelligence
    ("ai", "AI-lab Science Park (voorbeeld)", 4.955, 52.355, "Amsterdam", 19_500_000, "ongoing", 2024),
    ("ai", "AI voor de stad Roeterseiland (voorbeeld)", 4.911, 52.363, "Amsterdam", 4_300_000, "ongoing", 2025),
    ("ai", "AI in de zorg Amstelveen (voorbeeld)", 4.870, 52.305, "Amstelveen", 2_600_000, "planned", 2026),
    ("ai", "AI en media Hilversum (voorbeeld)", 5.172, 52.237, "Hilversum", 7_200_000, "ongoing", 2025),
    ("ai", "AI-fieldlab Almere (voorbeeld)", 5.215, 52.372, "Almere", 1_900_000, "planned", 2026),
    ("ai", "AI in het onderwijs Haarlem (voorbeeld)", 4.630, 52.382, "Haarlem", 1_100_000, "ongoing", 2024),
    ("ai", "AI-landbouw Lelystad (voorbeeld)", 5.440, 52.500, "Lelystad", 2_800_000, "planned", 2027),
    ("ai", "AI in de maakindustrie Zaandam (voorbeeld)", 4.820, 52.442, "Zaanstad", 1_450_000, "ongoing", 2025),
    ("ai", "AI voor luchtvaart Hoofddorp (voorbeeld)", 4.690, 52.305, "Haarlemmermeer", 5_300_000, "planned", 2026),
    # sustainable digital infrastructure: data centres with heat reuse
    ("digital_infra", "Restwarmte datacenter Science Park (voorbeeld)", 4.952, 52.357, "Amsterdam", 16_000_000, "ongoing", 2024),
    ("digital_infra", "Datacenter Zuidoost met warmtenet (voorbeeld)", 4.940, 52.300, "Amsterdam", 22_000_000, "planned", 2026),
    ("digital_infra", "Datacampus Schiphol-Rijk (voorbeeld)", 4.745, 52.280, "Haarlemmermeer", 31_000_000, "ongoing", 2025),
    ("digital_infra", "Groen datacenter Almere (voorbeeld)", 5.185, 52.362, "Almere", 12_500_000, "planned", 2027),
    ("digital_infra", "Glasvezel Zaanstad (voorbeeld)", 4.795, 52.445, "Zaanstad", 3_300_000, "ongoing", 2024),
    ("digital_infra", "Datacenter Lelystad met kassen (voorbeeld)", 5.485, 52.485, "Lelystad", 9_800_000, "planned", 2026),
    ("digital_infra", "Restwarmte Waarderpolder (voorbeeld)", 4.665, 52.390, "Haarlem", 2_700_000, "ongoing", 2025),
    ("digital_infra", "Edge-datacenter Hilversum (voorbeeld)", 5.160, 52.225, "Hilversum", 1_800_000, "planned", 2026),
    ("digital_infra", "Glasvezel Aalsmeer (voorbeeld)", 4.760, 52.262, "Aalsmeer", 950_000, "completed", 2023),
]

ORGANISATIONS = {
    "hydrogen": "Voorbeeldconsortium Waterstof MRA",
    "smart_energy": "Voorbeeldcooperatie Energie",
    "circular_construction": "Voorbeeldalliantie Circulair Bouwen",
    "health": "Voorbeeldnetwerk Gezondheid",
    "smart_mobility": "Voorbeeldpartners Mobiliteit",
    "data_sharing": "Voorbeeldcoalitie Data",
    "ai": "Voorbeeldlab AI",
    "digital_infra": "Voorbeeldgroep Digitale Infra",
}


def build() -> dict:
    """The sample FeatureCollection (RFC 7946)."""
    features = []
    for i, (theme, name, lon, lat, muni, amount, status, year) in enumerate(SAMPLES, 1):
        features.append({
            "type": "Feature",
            "properties": {
                "id": f"sample-{i:03d}",
                "name": name,
                "theme": theme,
                "amount_eur": amount,
                "status": status,
                "start_year": year,
                "organisation": ORGANISATIONS[theme],
                "url": None,
                "description": f"Fictief voorbeeldproject in {muni}; geen echte investering.",
                "sample": True,
            },
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        })
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":
    out = Path(__file__).parent / "data" / "sample_projects.geojson"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(out)
