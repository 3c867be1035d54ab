"""Drives our /rest dialect with Apache libcloud's VSphere_REST_NodeDriver, unmodified.

Run by vsphere-libcloud.e2e-spec.ts with Debian's /usr/bin/python3: python3 drive_vsphere.py PORT USER KEY
Prints one JSON object: what each call returned, or the error it raised.
"""
import json
import sys
import warnings

from libcloud.compute.base import NodeImage, NodeSize
from libcloud.compute.drivers.vsphere import VSphere_REST_NodeDriver

warnings.simplefilter("ignore")
port, user, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = {}


def attempt(name, call):
    try:
        out[name] = call()
    except Exception as error:  # the test asserts on what the server answered
        out[name] = {"error": str(error)}


driver = VSphere_REST_NodeDriver(key=user, secret=key, host="127.0.0.1", port=port)
out["session"] = bool(driver.session_token)
locations = driver.list_locations()
out["locations"] = [{"id": l.id, "name": l.name, "extra": l.extra} for l in locations]
out["datacenters"] = driver.ex_list_datacenters()
out["clusters"] = driver.ex_list_clusters()
out["hosts"] = driver.ex_list_hosts(ex_filter_connection_states=["CONNECTED"])
out["folders"] = driver.ex_list_folders()
out["datastores"] = driver.ex_list_datastores()
out["networks"] = [{"id": n.id, "name": n.name} for n in driver.ex_list_networks()]

datastore = [d for d in out["datastores"] if d.get("name") == "ds1"] or out["datastores"]
image = NodeImage(id="OTHER_LINUX_64_id", name="OTHER_LINUX_64", driver=driver, extra={"type": "guest_OS"})
size = NodeSize(id="small", name="small", ram=512, disk=0, bandwidth=0, price=0, driver=driver, extra={"cpu": 2})
host = [l for l in locations if l.extra.get("type") == "host"][0]
node = driver.create_node("libcloud-vm", image, size=size, location=host,
                          ex_datastore=datastore[0].get("datastore", datastore[0].get("id")), ex_turned_on=False)
out["created"] = {"id": node.id, "state": node.state, "ram": node.size.ram, "cpus": node.size.extra["cpus"]}
out["cpu_powered_off"] = driver.ex_update_cpu(node, 4)
out["memory_powered_off"] = driver.ex_update_memory(node, 1024)
out["started"] = driver.start_node(node.id)
node = driver.list_nodes(ex_filter_names=["libcloud-vm"])[0]
out["listed"] = {"id": node.id, "state": node.state, "ram": node.size.ram, "cpus": node.size.extra["cpus"]}
attempt("cpu_hot_add_disabled", lambda: driver.ex_update_cpu(node, 8))
out["suspended"] = driver.ex_suspend_node(node)
out["after_suspend"] = driver.list_nodes(ex_filter_vms=[node.id])[0].state
out["resumed"] = driver.start_node(node.id)
node = driver.list_nodes(ex_filter_power_states=["POWERED_ON"], ex_filter_names=["libcloud-vm"])[0]
out["rebooted"] = driver.reboot_node(node)
out["destroyed"] = driver.destroy_node(node)
out["after_destroy"] = [n.id for n in driver.list_nodes(ex_filter_names=["libcloud-vm"])]
print(json.dumps(out, default=str))
