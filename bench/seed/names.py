"""Names of people and companies as a Chinese trading company's CRM holds them: about half
Chinese (simplified characters, 有限公司), half English, with the emails, phones and sites that
go with them. Deterministic for a given random source."""

from __future__ import annotations

import random
from dataclasses import dataclass

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅春晓东海燕鹏飞"
    "丹宇浩然欣怡子涵雨轩梓萱一诺思远嘉怡俊杰婷婷晨曦"
)
CITIES = [
    "上海",
    "北京",
    "深圳",
    "广州",
    "杭州",
    "苏州",
    "南京",
    "天津",
    "成都",
    "重庆",
    "武汉",
    "宁波",
    "厦门",
    "青岛",
    "大连",
    "无锡",
    "佛山",
    "东莞",
]
TRADE_WORDS = [
    "华信",
    "恒通",
    "联合",
    "新世纪",
    "金源",
    "宏达",
    "中天",
    "瑞丰",
    "永盛",
    "鼎泰",
    "环球",
    "长城",
    "东方",
    "海纳",
    "博远",
    "安泰",
    "汇丰",
    "盛世",
    "嘉禾",
    "天成",
]
INDUSTRIES_ZH = [
    "贸易",
    "进出口",
    "机械",
    "电子",
    "纺织",
    "化工",
    "物流",
    "食品",
    "医药",
    "建材",
    "科技",
    "实业",
]
FIRST = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Steven",
    "Ashley",
    "Paul",
    "Emily",
    "Andrew",
    "Michelle",
    "Joshua",
    "Amanda",
    "Kevin",
    "Melissa",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Müller",
]
COMPANY_WORDS = [
    "Pacific",
    "Northern",
    "Global",
    "Summit",
    "Pioneer",
    "Atlas",
    "Harbor",
    "Crown",
    "Evergreen",
    "Silverline",
    "Keystone",
    "Meridian",
    "Bluewater",
    "Ironwood",
    "Sterling",
    "Horizon",
    "Oakridge",
    "Redstone",
    "Lighthouse",
    "Vanguard",
]
INDUSTRIES_EN = [
    "Trading",
    "Logistics",
    "Machinery",
    "Electronics",
    "Textiles",
    "Chemicals",
    "Foods",
    "Imports",
]
LEGAL_FORMS = ("Co., Ltd.", "Inc.", "Ltd.", "LLC", "GmbH", "Corp.")
JOB_TITLES = [
    "采购经理",
    "总经理",
    "销售总监",
    "技术主管",
    "财务经理",
    "Purchasing",
    "Manager",
    "CEO",
    "Buyer",
    "Operations",
    "Director",
    "Procurement",
    "Lead",
]


@dataclass(frozen=True)
class Person:
    full_name: str
    appellation: str
    email: str
    mobile: str
    job_title: str


@dataclass(frozen=True)
class Company:
    name: str
    website: str
    phone: str
    industry: str
    address: str


class Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self, serial: int) -> Person:
        r = self.rng
        if r.random() < 0.5:
            name = r.choice(SURNAMES) + "".join(r.choices(GIVEN, k=r.choice((1, 2))))
            email = f"user{serial}@example.cn"
        else:
            first, last = r.choice(FIRST), r.choice(LAST)
            name = f"{first} {last}"
            email = f"{first}.{last}{serial}@example.com".lower().replace("ü", "u")
        return Person(
            full_name=name,
            appellation=r.choice(("mr", "ms", "mrs", "dr", "")),
            email=email,
            mobile=f"+86 13{r.randint(0, 9)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}",
            job_title=r.choice(JOB_TITLES),
        )

    def company(self, serial: int) -> Company:
        r = self.rng
        city = r.choice(CITIES)
        if r.random() < 0.5:
            industry = r.choice(INDUSTRIES_ZH)
            name = f"{city}{r.choice(TRADE_WORDS)}{industry}有限公司"
            address = f"{city}市{r.choice(TRADE_WORDS)}路{r.randint(1, 999)}号"
        else:
            industry = r.choice(INDUSTRIES_EN)
            name = f"{r.choice(COMPANY_WORDS)} {industry} {r.choice(LEGAL_FORMS)}"
            address = f"{r.randint(1, 999)} {r.choice(COMPANY_WORDS)} Road, {city}"
        # Names repeat (as they do in real data); the serial keeps sites and phones apart.
        return Company(
            name=name,
            website=f"https://www.company{serial}.example.com",
            phone=f"+86 21 {r.randint(1000, 9999)} {r.randint(1000, 9999)}",
            industry=industry,
            address=address,
        )
